/** The contribution schema's compiled validator (generated: contribution-validator.js). */
export declare const validate: ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
};
