// Placeholder while the page is built.
export default function DashboardsPage() {
  return (
    <section className="page">
      <h1>DashboardsPage</h1>
    </section>
  );
}
