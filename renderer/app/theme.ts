import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import type { Language } from '../../shared/i18n';

/**
 * Local fonts only (no remote content under the CSP). Latin text takes the system UI font; Chinese
 * falls through to the platform's CJK face: PingFang (macOS), YaHei (Windows), Noto CJK (Linux).
 */
export const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  'sans-serif',
].join(', ');

/** Dense but readable: office staff look at many cards at once, on laptop screens. */
export function createAppTheme(language: Language): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: '#1d5fbf' },
        secondary: { main: '#5b6b82' },
        // MUI's amber (#ed6c02) is 3:1 on white: too faint for the small warning text of aged
        // cards and outlined chips. This burnt amber keeps the hue and reads at 5:1 (dark: 6:1
        // on the aged card's tint).
        warning: { main: '#b45309', dark: '#8a4b00', light: '#f59e0b', contrastText: '#ffffff' },
        background: { default: '#f3f5f8', paper: '#ffffff' },
        text: { primary: '#1f2733', secondary: '#5b6676' },
        divider: '#e1e5eb',
      },
      shape: { borderRadius: 6 },
      typography: {
        fontFamily: FONT_STACK,
        fontSize: 13,
        button: { textTransform: 'none', fontWeight: 600 },
        h1: { fontSize: 18, fontWeight: 700 },
        subtitle2: { fontWeight: 600 },
      },
      components: {
        MuiButton: { defaultProps: { disableElevation: true } },
        MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
        MuiAutocomplete: { defaultProps: { size: 'small' } },
        MuiTooltip: { defaultProps: { arrow: true } },
        MuiDialogTitle: { styleOverrides: { root: { fontSize: 17, fontWeight: 700 } } },
        // A disabled field's hint says how to enable it ("choose an account first"): it must
        // stay readable, so it keeps the secondary text colour rather than MUI's faded one.
        MuiFormHelperText: {
          styleOverrides: {
            root: ({ theme }) => ({
              '&.Mui-disabled:not(.Mui-error)': { color: theme.palette.text.secondary },
            }),
          },
        },
        MuiCssBaseline: {
          styleOverrides: { body: { fontFeatureSettings: '"tnum" 1' } },
        },
      },
    },
    language === 'zh-CN' ? zhCN : enUS,
  );
}
