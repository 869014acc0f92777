/** What a figure says when its group is suppressed: fewer than k people (of what, when `of` names it). */
export const suppressedFigure = (k: number, of = 'people') => ({ value: 'suppressed', detail: `n < ${k} ${of}` });
