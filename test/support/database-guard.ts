// The suite creates and drops its own PostgreSQL databases. This guard is the only way a
// name reaches CREATE/DROP DATABASE, and it refuses anything not made by the suite.
const THROWAWAY_DATABASE = /^kb_test_[a-z0-9_]{4,40}$/;

export function assertThrowawayDatabaseName(name: string): string {
  if (!THROWAWAY_DATABASE.test(name)) {
    throw new Error(
      `Refusing to create or drop database "${name}": only throwaway test databases named kb_test_<id> are touched by the test suite.`,
    );
  }
  return name;
}

export function newThrowawayDatabaseName(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return assertThrowawayDatabaseName(`kb_test_${process.pid}_${random}`);
}
