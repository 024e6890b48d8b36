#!/usr/bin/env node
/** The `keap2iif` executable: runs the command line on this process's arguments and streams. */
import { processIo } from './io.ts';
import { runCli } from './main.ts';

// exitCode, not exit(): stdout may still be flushing a large JSON document to a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo());
