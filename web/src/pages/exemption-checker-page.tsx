// Placeholder while the page is built.
export default function ExemptionCheckerPage() {
  return (
    <section className="page">
      <h1>ExemptionCheckerPage</h1>
    </section>
  );
}
