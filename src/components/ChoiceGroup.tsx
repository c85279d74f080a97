/** A row of large single-choice chips (a radio group), as the form and the county picker use them. */
import { View } from '@tarojs/components';

export function ChoiceGroup<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: T; text: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
}) {
  return (
    <View className='choice-grid' role='radiogroup' aria-label={label}>
      {options.map((option) => (
        <View
          key={option.value}
          role='radio'
          aria-checked={value === option.value}
          className={`choice ${value === option.value ? 'choice--selected' : ''}`}
          onClick={() => onChange(option.value)}
        >
          {option.text}
        </View>
      ))}
    </View>
  );
}
