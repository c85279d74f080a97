import { Text, View } from '@tarojs/components';
import type { Category, RequestStatus, Urgency } from '@core/domain';
import { categoryLabel, statusLabel, urgencyLabel } from '@/utils/format';

/** A request's urgency, category and status, as every list and detail shows them. */
export function RequestHeading({ request, large = false }: { request: { urgency: Urgency; category: Category; status: RequestStatus }; large?: boolean }) {
  return (
    <View className='row'>
      <Text className={large ? 'card__title' : ''}>
        <Text className={`tag ${request.urgency === 'distress' ? 'tag--urgent' : ''}`}>{urgencyLabel(request.urgency)}</Text>
        {categoryLabel(request.category)}
      </Text>
      <Text className='tag tag--grey'>{statusLabel(request.status)}</Text>
    </View>
  );
}
