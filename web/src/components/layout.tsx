// Page chrome: the header with the tools of each user group, the page, and the disclaimer.
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';

const TOOLS = [
  { to: '/search', label: 'Search' },
  { to: '/exemptions', label: 'Research exemptions' },
  { to: '/classify', label: 'Classify an item' },
  { to: '/licence', label: 'Do I need a licence?' },
  { to: '/dashboards', label: 'Dashboards' },
  { to: '/graphql', label: 'API explorer' },
] as const;

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Export Control Knowledge Base
        </NavLink>
        <nav aria-label="Tools">
          <ul>
            {TOOLS.map((tool) => (
              <li key={tool.to}>
                {tool.to === '/graphql' ? (
                  // The explorer is a page of its own (no app chrome): a full load, not a route change.
                  <a href={tool.to}>{tool.label}</a>
                ) : (
                  <NavLink to={tool.to}>{tool.label}</NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Information from the published control lists, exemptions, consultations and impact data, each with its source.
          It is not legal advice: confirm a classification or an exemption with the licensing authority or your
          export-control officer.
        </p>
      </footer>
    </>
  );
}
