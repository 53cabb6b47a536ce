/**
 * Replaces a data folder whole: `fill` writes the new content into a staging folder
 * beside it (a copy of the old folder's files to start from), which is swapped in only
 * once `fill` returned. A failed or interrupted import therefore leaves the previous
 * folder in use; what `fill` throws is thrown after the staging folder is removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function replaceFolder(target: string, fill: (staging: string) => void): void {
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-import-`));
  try {
    if (fs.existsSync(target)) {
      for (const entry of fs.readdirSync(target, { withFileTypes: true })) if (entry.isFile()) fs.copyFileSync(path.join(target, entry.name), path.join(staging, entry.name));
    }
    fill(staging);
    swapIn(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Replaces `target` with the folder `staging` (same parent): the old folder is moved
 * aside, the new one renamed in, the old one removed. Should the second rename fail,
 * the old folder is put back.
 */
function swapIn(staging: string, target: string): void {
  const old = `${staging}.old`;
  const hadOld = fs.existsSync(target);
  if (hadOld) fs.renameSync(target, old);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (hadOld) fs.renameSync(old, target);
    throw error;
  }
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}
