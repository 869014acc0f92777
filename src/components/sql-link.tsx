import { createContext, useContext } from 'react';

/** Opens a query in the SQL workbench; provided by the app so shared components need not know the store. */
export const OpenSqlContext = createContext<((sql: string) => void) | null>(null);

export const useOpenSql = () => useContext(OpenSqlContext);
