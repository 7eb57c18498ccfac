import { makeStyles } from '@material-ui/core';
import { CanopyMark } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 8 },
  mark: { width: 32, height: 32, flex: 'none' },
  word: {
    color: '#e8f5e9',
    fontSize: 24,
    fontWeight: 700,
    letterSpacing: 0.5,
  },
});

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <CanopyMark className={classes.mark} />
      <span className={classes.word}>Canopy</span>
    </span>
  );
};
