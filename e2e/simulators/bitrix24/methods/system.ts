// profile, scope, server.time, user.current, app.info, methods (ref §1.1 scopes: `basic` is implicit,
// user.current needs user_brief).
import { formatIso, offsetMinutes } from '../core/dates';
import { isYes, param } from '../core/params';
import { users } from '../state/dictionaries';
import { scopeAllowed } from './scopes';
import { def, type MethodDef } from './types';

export function systemMethods(all: () => MethodDef[]): MethodDef[] {
  return [
    def('profile', 'basic', (ctx) => {
      const u = users.find((x) => x.ID === ctx.userId) ?? users[0];
      return { result: { ID: String(u.ID), ADMIN: u.ADMIN, NAME: u.NAME, LAST_NAME: u.LAST_NAME, PERSONAL_GENDER: '', TIME_ZONE: '', TIME_ZONE_OFFSET: offsetMinutes(ctx.config.timezone) * 60 } };
    }),
    def('scope', 'basic', (ctx, params) => ({ result: isYes(param(params, 'full')) ? [...new Set(all().map((m) => m.scope))].filter((s) => s !== 'basic') : ctx.config.scopes })),
    def('server.time', 'basic', (ctx) => ({ result: formatIso(ctx.clock.nowMs(), ctx.config.timezone) })),
    def('user.current', 'user_brief', (ctx) => {
      const u = users.find((x) => x.ID === ctx.userId) ?? users[0];
      return { result: { ID: String(u.ID), XML_ID: null, ACTIVE: true, NAME: u.NAME, LAST_NAME: u.LAST_NAME, SECOND_NAME: '', EMAIL: u.EMAIL, IS_ONLINE: 'Y', TIME_ZONE: '', TIME_ZONE_OFFSET: String(offsetMinutes(ctx.config.timezone) * 60), UF_DEPARTMENT: [1] } };
    }),
    def('app.info', 'basic', (ctx) => ({
      result: { ID: 0, CODE: '', VERSION: 1, STATUS: 'L', INSTALLED: true, PAYMENT_EXPIRED: 'N', DAYS: null, LANGUAGE_ID: 'ru', LICENSE: ctx.config.plan === 'enterprise' ? 'ru_ent' : 'ru_pro', LICENSE_TYPE: ctx.config.plan === 'enterprise' ? 'ent' : 'pro', LICENSE_FAMILY: ctx.config.plan === 'enterprise' ? 'ent' : 'pro' },
    })),
    def('methods', 'basic', (ctx, params) => {
      const full = isYes(param(params, 'full'));
      const scope = param(params, 'scope');
      return { result: all().filter((m) => (full ? true : scope ? m.scope === scope : scopeAllowed(m.scope, ctx.config.scopes))).map((m) => m.name) };
    }),
  ];
}
