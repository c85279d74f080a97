/** A request's photos as thumbnails; a tap opens the full-size viewer. */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import type { PhotoView } from '@core/actions';
import './PhotoStrip.css';

export function PhotoStrip({ photos }: { photos: PhotoView[] }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  return (
    <View className='photo-strip'>
      {photos.map((p, index) => (
        <Image
          key={p.url}
          className='photo-strip__photo'
          src={p.url}
          mode='aspectFill'
          aria-label={`照片 ${index + 1}`}
          onClick={() => void Taro.previewImage({ urls, current: p.url }).catch(() => undefined)}
        />
      ))}
    </View>
  );
}
