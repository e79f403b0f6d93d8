import Box from '@mui/material/Box';

/** Text with one [start, end) range marked, the way a search result shows what matched. */
export function Highlight({ text, range }: { text: string; range?: [number, number] }) {
  if (!range || range[0] >= range[1]) return <>{text}</>;
  const [start, end] = range;
  return (
    <>
      {text.slice(0, start)}
      <Box
        component="mark"
        sx={{ bgcolor: 'transparent', color: 'primary.main', fontWeight: 700, p: 0 }}
      >
        {text.slice(start, end)}
      </Box>
      {text.slice(end)}
    </>
  );
}
