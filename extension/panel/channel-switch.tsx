import { useId } from 'react';
import { Channel } from '@shared/api/channels.ts';
import { channelLabel } from '../ui/format.ts';

type Props = { value: Channel; onChange(channel: Channel): void };

/** Native radios: arrow keys, focus and screen-reader announcements come for free. */
export function ChannelSwitch({ value, onChange }: Props) {
  const name = useId();
  return (
    <fieldset className="switch">
      <legend className="visually-hidden">Channel</legend>
      {Channel.options.map((channel) => (
        <label key={channel} className="switch__option">
          <input type="radio" name={name} value={channel} checked={value === channel} onChange={() => onChange(channel)} data-testid={`channel-${channel}`} />
          <span>{channelLabel[channel]}</span>
        </label>
      ))}
    </fieldset>
  );
}
