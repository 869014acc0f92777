import { useId, useState, type FormEvent } from 'react';
import type { DateQuestion } from '../../ingest/date-readings';
import type { SlashOrder } from '../../ingest/value-sql';

/** Asks how to read date columns whose slash dates fit both M/D/YYYY and D/M/YYYY. */
export function DateOrderQuestion({
  question,
  onAnswer,
}: {
  question: DateQuestion;
  onAnswer: (answers: Record<string, SlashOrder>) => void;
}) {
  const id = useId();
  const [answers, setAnswers] = useState<Record<string, SlashOrder>>(
    Object.fromEntries(question.columns.map((c) => [c.column, 'month-first'])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAnswer(answers);
  };
  return (
    <form className="card date-question" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>How are the dates in {question.file} written?</h3>
      <p>Every date in these columns fits both orders, so the values cannot tell.</p>
      {question.columns.map((c) => (
        <fieldset key={c.column}>
          <legend>
            {c.column}: values such as {c.examples.join(', ')}
          </legend>
          {(['month-first', 'day-first'] as const).map((order) => (
            <label key={order}>
              <input
                type="radio"
                name={`${id}-${c.column}`}
                value={order}
                checked={answers[c.column] === order}
                onChange={() => setAnswers({ ...answers, [c.column]: order })}
              />{' '}
              {order === 'month-first' ? 'Month first (M/D/YYYY)' : 'Day first (D/M/YYYY)'}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit">Read the dates this way</button>
      </div>
    </form>
  );
}
