/**
 * Prints a development bearer token (HS256, signed with JWT_SECRET or its development default):
 *
 *   npm run token -- <role> [dealerAccountId] [--sub <subject>] [--expires <duration>]
 *
 * The token alone goes to stdout, so `TOKEN=$(npm run -s token -- staff)` works; hints go to stderr.
 * Exit code 2 means the arguments or the configuration were wrong.
 */
import { parseArgs } from 'node:util';
import { ConfigError, DEV_JWT_SECRET, DomainError, ROLES, env, issueToken, parseConfig, parseRoleArgument, subgraphList } from '@l2c/shared';

const USAGE = `usage: npm run token -- <role> [dealerAccountId] [--sub <subject>] [--expires <duration>]
  role             one of ${ROLES.join(', ')} (warranty_adjuster: decides warranty claims)
  dealerAccountId  required for partner: the dealer account whose data the partner may see
  --sub            the token's subject (default dev-<role>, or dev-partner-<dealerAccountId>); for an assessor,
                   the subject of the assessor record its visits are assigned to (dev-assessor is the demo's)
  --expires        lifetime such as 30m, 12h (default 12h; the gateway refuses tokens living longer than JWT_MAX_LIFETIME_HOURS, default 12)`;

class UsageError extends Error {}

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { sub: { type: 'string' }, expires: { type: 'string', default: '12h' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [roleArgument, dealerAccountId, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const role = parseRoleArgument(roleArgument);
  if (role === 'partner' && !dealerAccountId) throw new UsageError('a partner token needs the dealer account id: npm run token -- partner <dealerAccountId>');
  if (role !== 'partner' && dealerAccountId) throw new UsageError(`a dealer account id only applies to partner tokens, not ${role}`);

  const { JWT_SECRET } = parseConfig({ JWT_SECRET: env.secret(DEV_JWT_SECRET) });
  const sub = values.sub ?? (dealerAccountId ? `dev-partner-${dealerAccountId}` : `dev-${role}`);
  const token = await issueToken(JWT_SECRET, { sub, roles: [role], dealerAccountId: dealerAccountId ?? null }, values.expires).catch(() => {
    throw new UsageError(`--expires must be a duration such as 30m, 12h or 7d (got ${JSON.stringify(values.expires)})`);
  });
  process.stdout.write(`${token}\n`);
  const port = subgraphList().gateway.port;
  process.stderr.write(`${role} token for ${sub}, valid for ${values.expires}. IDE: http://localhost:${port}/?token=${token}\n`);
} catch (error) {
  const known = error instanceof UsageError || error instanceof DomainError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!known) throw error;
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
