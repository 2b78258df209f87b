import type { Command } from 'commander';
import { AuthService, ROLES, type Role } from '@fair/auth';
import { DomainError } from '@fair/core';
import { withCliContext } from '../runtime/context';
import { print } from '../runtime/output';

export function registerUserCreate(program: Command): void {
  program
    .command('user:create')
    .description('Create a user (the first organiser, gate staff) / Tạo người dùng')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'at least 10 characters (or set FAIR_PASSWORD and pass "-")')
    .option('--name <name>', 'display name', 'Organiser')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'organiser')
    .option('--lang <lang>', 'vi or en', 'vi')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; password: string; name: string; role: string; lang: string; json?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      if (!['vi', 'en'].includes(opts.lang)) throw new Error('--lang must be vi or en');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email)) throw new Error('--email is not an email address');
      const password = opts.password === '-' ? (process.env.FAIR_PASSWORD ?? '') : opts.password;
      try {
        const user = await withCliContext((ctx) =>
          ctx.get(AuthService).createUser({ email: opts.email, name: opts.name, role: opts.role as Role, password, lang: opts.lang as 'vi' | 'en' }),
        );
        print(opts, user, () => `Created ${user.role} ${user.email} (${user.id}).`);
      } catch (err) {
        if (err instanceof DomainError) throw new Error(err.text.en);
        throw err;
      }
    });
}
