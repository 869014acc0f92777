/** Business case: what adoption costs and when it pays back (built on the business-case module). */
export function BusinessCasePage() {
  return (
    <section aria-labelledby="business-case-title" className="page">
      <h2 id="business-case-title">Business case</h2>
    </section>
  );
}
