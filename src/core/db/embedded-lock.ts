/**
 * The embedded database (PGlite) is a folder that only one process may open at a time. The
 * holder writes its pid to `DATA_DIR/embedded-db.lock`; a second process gets a clear refusal
 * instead of corrupting the files. A lock left by a dead process is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly pid: number, dataDir: string) {
    super(
      `內嵌資料庫正由程序 ${pid} 使用中 (the embedded database in ${dataDir} is in use by process ${pid}); ` +
        'stop the server first, or set DATABASE_URL to use PostgreSQL',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

/** Takes the lock for this process; returns a release function. */
export function acquireEmbeddedDatabaseLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'embedded-db.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseBusyError(holder, dataDir);
      }
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new Error(`could not take the embedded database lock in ${dataDir}`);
}
