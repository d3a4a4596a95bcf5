// A process whose main thread never lets go, as during a long embedded-database statement: the
// exit watchdog armed first must still end it. argv[2]: the watchdog's time in ms.
import { armExitWatchdog } from '../../src/cli/exit-watchdog.js';

armExitWatchdog(Number(process.argv[2]));
process.stdout.write('armed\n');
const until = Date.now() + 60_000;
while (Date.now() < until) {
  // Busy: no timer, signal handler or stream of this thread runs from here on.
}
