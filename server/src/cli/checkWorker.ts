/**
 * A worker thread of checkPool.ts (its own bundle, dist/checkWorker.js): loads the code set
 * once, then checks each part it is given as the main thread would (streamCheck.ts's
 * `PartChecker`), appending the rendered findings to its own findings file, and answers
 * with the part's ranges of that file and its notes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCodeSet } from '../codeset/load';
import { getLanguageService, type LanguageService } from '../service';
import { ByteWriter } from './byteWriter';
import type { JobAnswer, PartJob, WorkerInit } from './checkPool';
import { FORMATS } from './formats';
import { PartChecker, renderer, type PartResult } from './streamCheck';

const init = workerData as WorkerInit;
// For tests only: a worker that stops while loading, on its second part, or fails on it.
const fail = process.env.CPT_LENS_TEST_WORKER_FAIL;
if (fail === 'load') throw new Error('asked to fail (CPT_LENS_TEST_WORKER_FAIL)');
const { codeSet } = loadCodeSet(init.load);
const format = FORMATS[init.format]({ write: () => undefined, codeSet, version: init.version });
let service: { key: string; service: LanguageService } | undefined;
let jobs = 0;

function check(job: PartJob): PartResult {
  const key = JSON.stringify(job.settings);
  if (service?.key !== key) service = { key, service: getLanguageService({ codeSet, settings: job.settings }) };
  const findings = path.join(job.dir, `findings-${init.index}`);
  const fd = fs.openSync(findings, 'a');
  try {
    const base = fs.fstatSync(fd).size;
    const records = new ByteWriter((bytes) => {
      fs.writeSync(fd, bytes);
    }, true);
    const result = new PartChecker(job.context, service.service, renderer(format, job.file)).checkFile(job.part, records, false);
    records.flush();
    result.ranges = result.ranges.map(([from, to]) => [base + from, base + to]);
    result.findings = findings;
    return result;
  } finally {
    fs.closeSync(fd);
  }
}

parentPort!.on('message', ({ id, job }: { id: number; job: PartJob }) => {
  jobs++;
  if (fail === 'exit' && jobs === 2) process.exit(7);
  let answer: JobAnswer;
  try {
    if (fail === 'throw' && jobs === 2) throw new Error('asked to fail (CPT_LENS_TEST_WORKER_FAIL)');
    answer = { id, result: check(job) };
  } catch (error) {
    answer = { id, error: (error as Error).message };
  }
  parentPort!.postMessage(answer);
});
