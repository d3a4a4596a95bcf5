// Placeholder while the page is built.
export default function ProvisionPage() {
  return (
    <section className="page">
      <h1>ProvisionPage</h1>
    </section>
  );
}
