import MoreVertIcon from '@mui/icons-material/MoreVert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** What a person can type as a WIP limit; null if it is not one. */
export function parseWipLimit(text: string): number | null {
  const normalized = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,4}$/.test(normalized)) return null;
  const limit = Number(normalized);
  return limit >= 1 ? limit : null;
}

interface WipLimitMenuProps {
  stageName: string;
  limit: number | undefined;
  onChange(limit: number | undefined): void;
}

/** The column header's menu: set, change or clear the stage's WIP limit. */
export function WipLimitMenu({ stageName, limit, onChange }: WipLimitMenuProps) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const startEditing = () => {
    setAnchor(null);
    setText(limit === undefined ? '' : String(limit));
    setInvalid(false);
    setEditing(true);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWipLimit(text);
    if (parsed === null) return setInvalid(true);
    onChange(parsed);
    setEditing(false);
  };

  return (
    <>
      <IconButton
        size="small"
        aria-label={t('boardTools.columnMenu', { stage: stageName })}
        aria-haspopup="menu"
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ p: 0.25, color: 'text.secondary' }}
      >
        <MoreVertIcon sx={{ fontSize: 18 }} />
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={startEditing}>
          {limit === undefined ? t('boardTools.wipSet') : t('boardTools.wipEdit')}
        </MenuItem>
        {limit !== undefined && (
          <MenuItem
            onClick={() => {
              setAnchor(null);
              onChange(undefined);
            }}
          >
            {t('boardTools.wipClear')}
          </MenuItem>
        )}
      </Menu>
      <Dialog open={editing} onClose={() => setEditing(false)} maxWidth="xs" fullWidth>
        <form onSubmit={save} noValidate>
          <DialogTitle>{t('boardTools.wipTitle', { stage: stageName })}</DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              fullWidth
              margin="dense"
              label={t('boardTools.wipField')}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setInvalid(false);
              }}
              error={invalid}
              helperText={invalid ? t('boardTools.wipInvalid') : t('boardTools.wipFieldHint')}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setEditing(false)}>{t('boardTools.cancel')}</Button>
            <Button type="submit" variant="contained">
              {t('boardTools.save')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
