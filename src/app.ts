import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // traceUser off: the service keeps no access log of who opened it (DESIGN.md §5).
      Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: false });
    }
  });
  return children;
}

export default App;
