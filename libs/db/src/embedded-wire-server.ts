import { createServer, type Server, type Socket } from 'node:net';

/** The parts of PGlite this server uses (structural, so the ESM and CJS typings both fit). */
export interface WireDatabase {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (chunk: Uint8Array) => void }): Promise<unknown>;
  isInTransaction(): boolean;
  exec(sql: string): Promise<unknown>;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'

/**
 * Serves one PGlite over the PostgreSQL wire protocol to many connections, one conversation at
 * a time. PGlite is a single session, so a connection owns it from its first message until the
 * backend answers ReadyForQuery with status idle ('I'): a whole Parse/Bind/Execute/Sync sequence
 * or a whole transaction. Others wait their turn. (pglite-socket's queue interleaves messages of
 * different connections between those points, which mixes their unnamed statements and portals:
 * `portal "" does not exist`.)
 */
export class EmbeddedWireServer {
  private server?: Server;
  private owner: Connection | null = null;
  private readonly waiting: { conn: Connection; grant: () => void }[] = [];
  private nextId = 1;

  private readonly sockets = new Set<Socket>();

  constructor(private readonly db: WireDatabase) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      new Connection(this.nextId++, socket, this);
    });
    await new Promise<void>((res, rej) => {
      this.server!.once('error', rej);
      this.server!.listen(port, host, () => res());
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((res) => (this.server ? this.server.close(() => res()) : res()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Waits until `conn` owns the database. */
  acquire(conn: Connection): Promise<void> {
    if (this.owner === conn) return Promise.resolve();
    if (!this.owner) {
      this.owner = conn;
      return Promise.resolve();
    }
    return new Promise((grant) => {
      // A transaction that queries through a second connection waits for itself here forever;
      // say so, since a real PostgreSQL would not show the bug.
      const timer = setTimeout(() => {
        process.stderr.write(
          `[embedded-db] connection #${conn.id} has waited 10 s for #${this.owner?.id}, which holds the database` +
            ` (an open transaction?). Code that queries on another connection inside a transaction deadlocks the embedded engine.\n`,
        );
      }, 10_000);
      timer.unref();
      this.waiting.push({ conn, grant: () => (clearTimeout(timer), grant()) });
    });
  }

  release(conn: Connection): void {
    if (this.owner !== conn) return;
    const next = this.waiting.shift();
    this.owner = next?.conn ?? null;
    next?.grant();
  }

  /** Runs one client message; returns the transaction status of a ReadyForQuery it ended with. */
  async execute(message: Uint8Array, write: (chunk: Uint8Array) => void): Promise<string | null> {
    let tail = new Uint8Array(0);
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (chunk: Uint8Array) => {
          write(chunk);
          const joined = new Uint8Array(tail.length + chunk.length);
          joined.set(tail);
          joined.set(chunk, tail.length);
          tail = joined.slice(-6);
        },
      }),
    );
    // ReadyForQuery is 'Z', int32 length 5, one status byte: always the last message when present.
    if (tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5) return String.fromCharCode(tail[5]!);
    return null;
  }

  /** A connection went away: undo whatever it left open, then let the next one in. */
  async abandon(conn: Connection): Promise<void> {
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((w) => w.conn !== conn));
    if (this.owner !== conn) return;
    try {
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.release(conn);
    }
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly server: EmbeddedWireServer,
  ) {
    socket.setNoDelay(true);
    // Messages of one connection are handled strictly in arrival order.
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.chain = this.chain
        .then(() => this.drain())
        .catch(() => void this.socket.destroy());
    });
    const gone = () => {
      if (this.closed) return;
      this.closed = true;
      void this.chain.finally(() => this.server.abandon(this));
    };
    socket.on('close', gone);
    socket.on('error', gone);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const message = this.nextMessage();
      if (!message) return;
      if (this.closed) return;
      if (message[0] === TERMINATE) continue; // the socket closes next; abandon() cleans up
      await this.server.acquire(this);
      let status: string | null;
      try {
        status = await this.server.execute(message, (chunk) => {
          if (!this.socket.destroyed) this.socket.write(chunk);
        });
      } catch (err) {
        await this.server.abandon(this);
        throw err;
      }
      // Idle again (no transaction, no half-done extended query): hand the database over.
      if (status === 'I') this.server.release(this);
    }
  }

  /** The next complete message, handling the untyped startup, SSL and cancel requests. */
  private nextMessage(): Uint8Array | null {
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return null;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (length === 8 && code === SSL_REQUEST) {
          this.buffer = this.buffer.subarray(8);
          this.socket.write('N'); // no TLS on loopback
          continue;
        }
        if (length === 16 && code === CANCEL_REQUEST) {
          this.buffer = this.buffer.subarray(16);
          continue; // not supported; the client simply waits for its query
        }
        if (this.buffer.length < length) return null;
        const startup = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        this.started = true;
        return new Uint8Array(startup);
      }
      if (this.buffer.length < 5) return null;
      const total = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < total) return null;
      const message = this.buffer.subarray(0, total);
      this.buffer = this.buffer.subarray(total);
      return new Uint8Array(message);
    }
  }
}
