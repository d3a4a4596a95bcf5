// Libraries read NODE_ENV once, as they are loaded: outside production graphql-js checks every
// type test against other copies of itself, and Express answers errors with their details. The
// service's own NODE_ENV defaults to production (config.ts); this says the same to the libraries,
// so it must be imported before any of them (the CLI, and the benches that run the service in
// their own process, import it first).
process.env.NODE_ENV ??= 'production';
