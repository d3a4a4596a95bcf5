// Placeholder while the page is built.
export default function ClassificationWizardPage() {
  return (
    <section className="page">
      <h1>ClassificationWizardPage</h1>
    </section>
  );
}
