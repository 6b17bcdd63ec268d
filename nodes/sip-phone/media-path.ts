/**
 * Where `play` and `record` look for a relative file name. A flow exported with the package's
 * examples says "examples/media/welcome.wav" and must find it wherever npm installed the
 * package, so for playing a relative path is tried against the package directory first, then
 * against Node-RED's user directory (where a user's own prompts live). A recording is written
 * relative to the user directory only: the package directory is replaced on every update.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandError } from './command-error';

/** The installed package's root: dist/sip-phone/ -> the directory above dist/. */
export const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

export function resolvePlayFile(file: string, userDir: string | undefined, command = 'play'): string {
  const candidates = path.isAbsolute(file)
    ? [file]
    : [path.resolve(PACKAGE_DIR, file), ...(userDir ? [path.resolve(userDir, file)] : []), path.resolve(file)];
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // not this one; try the next place
    }
  }
  throw new CommandError('fileNotFound', { command, file, tried: candidates.join(', ') },
    `${command}: file "${file}" not found (looked in ${candidates.join(', ')})`);
}

export function resolveRecordFile(file: string, userDir: string | undefined, command = 'record'): string {
  const full = path.isAbsolute(file) ? file : path.resolve(userDir ?? process.cwd(), file);
  const dir = path.dirname(full);
  let ok = false;
  try {
    ok = fs.statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new CommandError('dirNotFound', { command, file: full, dir },
      `${command}: directory "${dir}" for "${file}" does not exist`);
  }
  return full;
}
