// The browser consumer: runs the program in the page and posts the report to the test's server.
import { run } from './program.js';

run().then(
  (report) => fetch('/report', { method: 'POST', body: JSON.stringify(report) }),
  (e: unknown) => fetch('/report', { method: 'POST', body: JSON.stringify({ error: String(e) }) }),
);
