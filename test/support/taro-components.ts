/**
 * @tarojs/components for jsdom: Taro's own React implementations where it has them (its index has a circular
 * import, so each is imported on its own). Textarea and Switch exist only as web components, which jsdom does not
 * run; two small stand-ins give them the same props and `detail.value` events.
 */
import { createElement, type ReactNode } from 'react';

export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as View } from '@tarojs/components-react/dist/components/view/index.js';

interface ValueEvent<T> {
  detail: { value: T };
}

export function Textarea(props: { value?: string; maxlength?: number; placeholder?: string; className?: string; onInput?: (e: ValueEvent<string>) => void }) {
  return createElement('textarea', {
    className: props.className,
    value: props.value ?? '',
    maxLength: props.maxlength,
    placeholder: props.placeholder,
    onChange: (e: { target: { value: string } }) => props.onInput?.({ detail: { value: e.target.value } }),
  });
}

export function Switch(props: { checked?: boolean; onChange?: (e: ValueEvent<boolean>) => void; 'aria-label'?: string; children?: ReactNode }) {
  return createElement('input', {
    type: 'checkbox',
    role: 'switch',
    'aria-label': props['aria-label'],
    checked: Boolean(props.checked),
    onChange: (e: { target: { checked: boolean } }) => props.onChange?.({ detail: { value: e.target.checked } }),
  });
}
