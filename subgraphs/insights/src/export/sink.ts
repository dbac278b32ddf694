import type { Writable } from 'node:stream';

/** Writes text to a stream, waiting whenever the stream asks to (a slow client never makes the server buffer the log). */
export function sinkOf(stream: Writable): { write(text: string): Promise<void>; end(): Promise<void> } {
  return {
    async write(text) {
      if (stream.write(text)) return;
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', reject);
          resolve();
        };
        stream.once('drain', done);
        stream.once('close', done);
        stream.once('error', reject);
      });
      if (stream.destroyed) throw new Error('the client went away before the export was written');
    },
    end: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
