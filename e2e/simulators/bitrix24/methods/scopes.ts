// Scope check (ref §1.1): `basic` methods (batch, scope, methods, server.time, profile, app.info) always
// work; user.current needs user_brief (also granted by `user` / `user_basic`).
export function scopeAllowed(scope: string, granted: string[]): boolean {
  if (scope === 'basic') return true;
  if (scope === 'user_brief') return granted.some((g) => g === 'user_brief' || g === 'user' || g === 'user_basic');
  return granted.includes(scope);
}
