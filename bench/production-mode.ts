// Imported first by the benches that run the service in their own process: `npm start` runs it
// with NODE_ENV=production (src/cli/production-default.ts), which libraries read as they load
// (graphql-js drops its development checks). The PostGraphile peer, a child process, inherits it.
process.env.NODE_ENV ??= 'production';
