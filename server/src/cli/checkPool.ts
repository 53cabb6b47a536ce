/**
 * The worker threads that check the parts of a streamed file (streamCheck.ts) beside the
 * main thread (issue 13: every core). Each worker (checkWorker.ts, its own bundle
 * dist/checkWorker.js) loads the code set once, then checks the parts it is given with the
 * settings each job names, renders their findings with the output format and appends them to
 * a findings file of its own; the main thread merges them in file order.
 *
 * A worker holds at most two parts, one it checks and one waiting, so it never waits for
 * the main thread while the main thread checks a part itself. A worker that stops (an
 * uncaught error, out of memory, exit) or fails on a part is reported, and what it held is
 * checked by the main thread: the output is the same, and nothing waits on a worker that is
 * gone. An idle worker does not keep the process alive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadOptions } from '../codeset/load';
import type { CheckSettings } from '../service';
import type { PartContext, PartResult } from './streamCheck';

/** What a worker is started with. */
export interface WorkerInit {
  /** Where the code set is loaded from (the main thread's `userLoadOptions()`). */
  load: LoadOptions;
  /** The `--format` whose `render` gives a finding's text. */
  format: string;
  version: string;
  /** The worker's number: its findings file in a job's folder is `findings-<index>`. */
  index: number;
}

/** One part to check. */
export interface PartJob {
  context: PartContext;
  /** The settings the file is checked with, its column mappings those of `context.forced`. */
  settings: CheckSettings;
  /** The file's name as the output gives it. */
  file: string;
  /** The part file (left in place: the main thread removes it once checked). */
  part: string;
  /** The folder of the file's parts, where the worker appends to its findings file. */
  dir: string;
}

/** What a worker answers a job with. */
export type JobAnswer = { id: number; result: PartResult } | { id: number; error: string };

interface Waiting {
  resolve: (result: PartResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, Waiting>;
  alive: boolean;
}

/** Parts a worker holds at most: the one it checks and the next. */
const HELD = 2;

export class CheckPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closing = false;

  /** The worker bundle beside this module (dist/ in the bundle, out/server/src/cli from tsc). */
  static readonly workerFile = path.join(__dirname, 'checkWorker.js');

  /** Whether workers can be started here (their bundle was built). */
  static available(): boolean {
    return fs.existsSync(CheckPool.workerFile);
  }

  constructor(
    size: number,
    init: Omit<WorkerInit, 'index'>,
    /** Told when a worker stops or fails (the work goes on without it). */
    private readonly problem: (message: string) => void,
  ) {
    for (let index = 0; index < size; index++) this.start({ ...init, index });
  }

  /** Workers still running. */
  get size(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  private start(init: WorkerInit): void {
    const worker = new Worker(CheckPool.workerFile, { workerData: init });
    const slot: Slot = { worker, waiting: new Map(), alive: true };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (answer: JobAnswer) => {
      const waiting = slot.waiting.get(answer.id);
      if (!waiting) return;
      slot.waiting.delete(answer.id);
      if (slot.waiting.size === 0) worker.unref();
      if ('result' in answer) waiting.resolve(answer.result);
      else waiting.reject(new Error(answer.error));
    });
    const stopped = (reason: string): void => {
      if (!slot.alive) return;
      slot.alive = false;
      if (this.closing) return;
      this.problem(`cpt-lens: a check worker stopped (${reason}); the main thread checks its parts`);
      for (const w of slot.waiting.values()) w.reject(new Error(`the worker stopped (${reason})`));
      slot.waiting.clear();
      worker.unref();
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
  }

  /** Gives a worker the part; undefined when every worker holds all it may (or none is left). */
  check(job: PartJob): Promise<PartResult> | undefined {
    let slot: Slot | undefined;
    for (const s of this.slots) if (s.alive && s.waiting.size < HELD && (!slot || s.waiting.size < slot.waiting.size)) slot = s;
    if (!slot) return undefined;
    const id = this.nextId++;
    const held = slot;
    return new Promise<PartResult>((resolve, reject) => {
      held.waiting.set(id, { resolve, reject });
      held.worker.ref();
      held.worker.postMessage({ id, job });
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
