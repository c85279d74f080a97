import { Text, View } from '@tarojs/components';

/** An action's refusal (or a form's problem), under its form; nothing when there is none. */
export function ActionProblem({ text }: { text?: string }) {
  return text ? (
    <View role='alert'>
      <Text className='field__error'>{text}</Text>
    </View>
  ) : null;
}
