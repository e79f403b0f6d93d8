import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * A record's fields for someone who may only look (FormDialog's readOnly): a disabled fieldset
 * makes every field inside it unchangeable, whatever kind it is, while what is outside it (the
 * record's activities, where anyone may log a visit) stays usable.
 */
export function ReadOnlyFieldset({
  readOnly,
  children,
}: {
  readOnly: boolean;
  children: ReactNode;
}) {
  if (!readOnly) return <>{children}</>;
  return (
    <Box
      component="fieldset"
      disabled
      sx={{ border: 0, m: 0, p: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      {children}
    </Box>
  );
}
