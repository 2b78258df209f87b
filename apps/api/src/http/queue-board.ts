import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, SESSION_COOKIE } from '@fair/auth';
import { QUEUES } from '@fair/jobs';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The job queues' state (bull-board) at /admin/queues, for organisers only: the session comes
 * from the `fair_session` cookie that `POST /api/auth/login` sets (or a bearer header). Without
 * one, the browser is sent to the organiser sign-in page; another role gets 403.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const auth = app.get(AuthService);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Fair jobs' } },
  });
  const board = serverAdapter.registerPlugin();
  await app.register(
    (async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        const header = req.headers.authorization;
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : (req as unknown as { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
        const user = token ? await auth.resolve(token) : null;
        if (!user) {
          if ((req.headers.accept ?? '').includes('text/html')) return reply.redirect(`/organiser?next=${encodeURIComponent(req.url)}`);
          return reply.status(401).send({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in as an organiser' });
        }
        if (user.role !== 'organiser') return reply.status(403).send({ statusCode: 403, code: 'ROLE_REQUIRED', message: 'Organisers only' });
      });
      await scope.register(board as never, { prefix: QUEUE_BOARD_PATH });
    }) as never,
  );
}
