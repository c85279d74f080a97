/**
 * Up to three photos (a request's, an activity's): each uploaded as soon as it is picked, so the form only sends file
 * IDs. `hint` says who will see them.
 */
import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { UploadedPhoto } from '@core/actions';
import { PHOTOS_MAX } from '@core/domain';
import { ActionFailure, callAction } from '@/services/cloud';
import { PhotoProblem, pickPhotos } from '@/services/photos';
import './PhotoField.css';

const REQUEST_PHOTOS_HINT = '照片只给处理您诉求的成员和执委看。';

export function PhotoField({
  clientKey,
  photos,
  onChange,
  hint = REQUEST_PHOTOS_HINT,
}: {
  clientKey: string;
  photos: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  hint?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const add = async () => {
    setProblem('');
    let picked;
    try {
      picked = await pickPhotos(PHOTOS_MAX - photos.length);
    } catch (error) {
      if (error instanceof PhotoProblem) setProblem(error.message);
      return; // She cancelled the picker.
    }
    setBusy(true);
    const uploaded = [...photos];
    try {
      for (const photo of picked) {
        const stored = await callAction('resident', 'uploadPhoto', { clientKey, ...photo });
        if (!uploaded.some((p) => p.fileID === stored.fileID)) uploaded.push(stored);
        onChange([...uploaded]);
      }
    } catch (error) {
      setProblem(error instanceof ActionFailure && error.code !== 'Network' ? error.message : '照片没有传上去，请检查网络后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='photos'>
        {photos.map((p, index) => (
          <View key={p.fileID} className='photos__item'>
            <Image className='photos__image' src={p.url} mode='aspectFill' aria-label={`照片 ${index + 1}`} />
            <View className='photos__remove' role='button' aria-label={`删除照片 ${index + 1}`} onClick={() => onChange(photos.filter((x) => x.fileID !== p.fileID))}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
        {photos.length < PHOTOS_MAX && (
          <View className='photos__add' role='button' aria-label='添加照片' onClick={busy ? undefined : add}>
            <Text>{busy ? '正在上传…' : '＋ 添加照片'}</Text>
          </View>
        )}
      </View>
      <Text className='field__hint'>
        选填，最多 {PHOTOS_MAX} 张（已选 {photos.length} 张）。{hint}
      </Text>
      {problem && <Text className='field__error'>{problem}</Text>}
    </View>
  );
}
