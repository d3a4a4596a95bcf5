// The GraphQL-over-HTTP conformance audit of graphql-http (the reference implementation's own
// server audits) against the running service: every MUST and SHOULD holds. The MAYs it notes
// (GET requests without a preflight header, which Apollo's CSRF prevention refuses on purpose)
// are listed but not required.
import { serverAudits, type AuditFail, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const AUDIT_KEY = 'graphql-http-audit-key-0123456789';

describeWithDatabase('graphql-http server audit', () => {
  let service: TestService;
  let results: AuditResult[] = [];
  beforeAll(async () => {
    service = await startTestService({ INTROSPECTION_KEYS: AUDIT_KEY });
    // Several audits query `__type`: they run with an introspection key, as a client allowed
    // to introspect would (the refusal without one is tested in http-edges.test.ts).
    const fetchWithKey = (input: RequestInfo | URL, init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-api-key': AUDIT_KEY } });
    const audits = serverAudits({ url: `${service.url}/graphql`, fetchFn: fetchWithKey });
    results = [];
    // One at a time, as a client would send them; the audits are independent requests.
    for (const audit of audits) results.push(await audit.fn());
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('ran the whole audit', () => {
    expect(results.length).toBeGreaterThanOrEqual(60);
  });

  it('every MUST and SHOULD audit is ok', () => {
    const required = results.filter((result) => /^(MUST|SHOULD)\b/.test(result.name));
    expect(required.length).toBeGreaterThanOrEqual(30);
    const failed = required
      .filter((result): result is AuditFail => result.status !== 'ok')
      .map((result) => `${result.id} ${result.name}: ${result.reason}`);
    expect(failed).toEqual([]);
  });

  it('no audit ends in an error', () => {
    const errors = results
      .filter((result): result is AuditFail => result.status === 'error')
      .map((result) => `${result.id} ${result.name}: ${result.reason}`);
    expect(errors).toEqual([]);
  });
});
