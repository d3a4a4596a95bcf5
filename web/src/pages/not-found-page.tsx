import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        Nothing is published at this address. <Link to="/search">Search the knowledge base</Link> instead.
      </p>
    </section>
  );
}
