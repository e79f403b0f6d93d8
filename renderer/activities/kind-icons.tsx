import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import PhoneOutlinedIcon from '@mui/icons-material/PhoneOutlined';
import PlaceOutlinedIcon from '@mui/icons-material/PlaceOutlined';
import StickyNote2OutlinedIcon from '@mui/icons-material/StickyNote2Outlined';
import TaskAltOutlinedIcon from '@mui/icons-material/TaskAltOutlined';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import type { ComponentType } from 'react';
import type { ActivityKind } from '../../shared/domain';

/** One icon per kind, so a list reads at a glance: a pin is a visit, a handset a call. */
export const KIND_ICONS: Record<ActivityKind, ComponentType<SvgIconProps>> = {
  call: PhoneOutlinedIcon,
  visit: PlaceOutlinedIcon,
  meeting: GroupsOutlinedIcon,
  note: StickyNote2OutlinedIcon,
  task: TaskAltOutlinedIcon,
};

/** A kind's colour, from the theme's palette: visits, the rep's main work, stand out. */
export const KIND_COLORS: Record<ActivityKind, SvgIconProps['color']> = {
  call: 'info',
  visit: 'primary',
  meeting: 'secondary',
  note: 'action',
  task: 'success',
};
