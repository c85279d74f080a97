/**
 * The county per month: requests as bars (left axis), the first-response median as a line (right axis, hours).
 * Drawn by uCharts on a 2D canvas: in the mini-program the node of a `<Canvas type='2d'>`, in H5 the HTML canvas
 * inside Taro's canvas element; uCharts takes the context either way and only calls the standard 2D API.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';
import UCharts from '@qiun/ucharts';
import type { Dashboard } from '@core/actions';
import { trendChartOptions } from './chart-options';
import { describeTrend } from './figures';
import './TrendChart.css';

interface CanvasNode {
  width: number;
  height: number;
  getContext: (type: '2d') => unknown;
}

interface Measured {
  node: CanvasNode;
  width: number;
  height: number;
}

/** The canvas node and its size on screen, once the page has rendered it (null while it is not there yet). */
function measure(id: string): Promise<Measured | null> {
  return new Promise((resolve) => {
    const query = Taro.createSelectorQuery();
    query.select(`#${id}`).fields({ node: true });
    query.select(`#${id}`).boundingClientRect();
    query.exec((res: unknown[]) => {
      const node = (res?.[0] as { node?: CanvasNode } | null)?.node;
      const rect = res?.[1] as { width?: number; height?: number } | null;
      resolve(node && rect?.width && rect.height ? { node, width: rect.width, height: rect.height } : null);
    });
  });
}

const pixelRatio = () => {
  try {
    return Taro.getWindowInfo().pixelRatio || 1;
  } catch {
    return 1;
  }
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function TrendChart({ id, trend }: { id: string; trend: Dashboard['trend'] }) {
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(trend);

  useEffect(() => {
    let cancelled = false;
    const draw = async () => {
      // The mini-program applies the render in its own time: look for the node a few times before giving up.
      let measured: Measured | null = null;
      for (let attempt = 0; attempt < 10 && !cancelled && !measured; attempt += 1) {
        await new Promise<void>((resolve) => Taro.nextTick(() => resolve()));
        measured = await measure(id);
        if (!measured) await wait(100);
      }
      if (cancelled) return;
      if (!measured) {
        setFailed(true);
        return;
      }
      const ratio = pixelRatio();
      const { node, width, height } = measured;
      node.width = Math.round(width * ratio);
      node.height = Math.round(height * ratio);
      // eslint-disable-next-line no-new
      new UCharts(trendChartOptions(trend, { context: node.getContext('2d'), width: node.width, height: node.height, pixelRatio: ratio }));
    };
    void draw().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key]);

  return (
    <View className='trend'>
      <Canvas type='2d' id={id} className='trend__canvas' aria-label={`每月趋势图：${describeTrend(trend)}`} />
      {failed && <Text className='muted'>图表没有显示出来，可以看下面的每月数字</Text>}
    </View>
  );
}
