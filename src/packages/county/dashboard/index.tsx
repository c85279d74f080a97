/**
 * 数据看板: the county's points ranked by response times, punctuality, requests overdue now, satisfaction and
 * reopening, for a period of months and optionally one category or urgency; the county per month as a chart. A tap on
 * a point's 当前超时 opens the escalations of that point.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Picker, ScrollView, Text, View } from '@tarojs/components';
import { monthsBetween, type ActionInput, type Dashboard, type DashboardRow } from '@core/actions';
import { CATEGORIES, OUTREACH_TARGET, URGENCIES, type Category, type Urgency } from '@core/domain';
import { Screen } from '@/components/Screen';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Empty, StateView } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { useListScreen } from '@/hooks/useListScreen';
import { ActionFailure, callAction } from '@/services/cloud';
import { openExportedFile } from '@/services/exported-file';
import { categoryLabel, chinaDay, formatDuration, surveyStatusLabel, urgencyLabel } from '@/utils/format';
import { addMonths, COLUMNS, currentPeriod, DEFAULT_SORT, defaultPeriod, nextSort, shortPointName, sortRows, type Column, type SortOrder } from '../shared/figures';
import { TrendChart } from '../shared/TrendChart';
import './index.css';

const ESCALATIONS = '/packages/county/escalations/index';
/** The pilot points began in 2022: no month before holds figures. */
const FIRST_MONTH = '2022-01';

/** One request covers at most 24 months (the function's limit): moving one end drags the other along. */
const MONTHS_MAX = 24;
const withFrom = (p: { from: string; to: string }, from: string) => ({ from, to: monthsBetween(from, p.to) > MONTHS_MAX ? addMonths(from, MONTHS_MAX - 1) : p.to });
const withTo = (p: { from: string; to: string }, to: string) => ({ to, from: monthsBetween(p.from, to) > MONTHS_MAX ? addMonths(to, -(MONTHS_MAX - 1)) : p.from });

const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5))}月`;

const CATEGORY_OPTIONS = [{ value: 'all', text: '全部类别' }, ...CATEGORIES.map((c) => ({ value: c, text: categoryLabel(c) }))] as const;
const URGENCY_OPTIONS = [{ value: 'all', text: '全部' }, ...[...URGENCIES].reverse().map((u) => ({ value: u, text: urgencyLabel(u) }))] as const;

const openEscalations = (row?: DashboardRow, name?: string) =>
  Taro.navigateTo({ url: row ? `${ESCALATIONS}?pointId=${encodeURIComponent(row.pointId)}&pointName=${encodeURIComponent(name ?? row.pointName)}` : ESCALATIONS });

function MonthPicker({ label, value, start, end, onChange }: { label: string; value: string; start: string; end: string; onChange: (month: string) => void }) {
  return (
    <Picker mode='date' fields='month' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
      <View className='county-period__pick' role='button' aria-label={`${label}：${monthText(value)}`}>
        <Text>{monthText(value)}</Text>
        <Text className='county-period__caret'>▾</Text>
      </View>
    </Picker>
  );
}

function HeaderCell({ column, order, onSort }: { column: Column; order: SortOrder; onSort: (order: SortOrder) => void }) {
  const active = order.key === column.key;
  return (
    <View
      role='columnheader'
      aria-sort={active ? (order.direction === 'desc' ? 'descending' : 'ascending') : 'none'}
      aria-label={`${column.name}，点按排序`}
      className={`rank__cell rank__head ${active ? 'rank__head--on' : ''}`}
      onClick={() => onSort(nextSort(order, column.key))}
    >
      <Text className='rank__head-text'>{column.label[0]}</Text>
      {column.label[1] && <Text className='rank__head-text'>{column.label[1]}</Text>}
      {active && <Text className='rank__arrow'>{order.direction === 'desc' ? '↓' : '↑'}</Text>}
    </View>
  );
}

function RankingTable({ board, order, onSort }: { board: Dashboard; order: SortOrder; onSort: (order: SortOrder) => void }) {
  const rows = sortRows(board.rows, order);
  const sortedBy = COLUMNS.find((c) => c.key === order.key)?.name ?? '';
  return (
    <View className='card'>
      <Text className='card__title'>联系点排名</Text>
      <Text className='muted rank__note'>
        按{sortedBy}
        {order.direction === 'desc' ? '从高到低' : '从低到高'}排列；点表头可换排序，左右滑动看全部
      </Text>
      <ScrollView scrollX className='rank__scroll'>
        <View className='rank' role='table' aria-label='联系点排名'>
          <View className='rank__row rank__row--head' role='row'>
            <View className='rank__cell rank__name rank__head' role='columnheader'>
              <Text className='rank__head-text'>联系点</Text>
            </View>
            {COLUMNS.map((c) => (
              <HeaderCell key={c.key} column={c} order={order} onSort={onSort} />
            ))}
          </View>
          {rows.map((row) => {
            const name = shortPointName(row.pointName, board.countyName);
            return (
              <View key={row.pointId} className='rank__row' role='row' data-point-id={row.pointId}>
                <View className='rank__cell rank__name' role='rowheader'>
                  <Text>{name}</Text>
                </View>
                {COLUMNS.map((c) =>
                  c.key === 'overdueNow' && row.overdueNow > 0 ? (
                    <View
                      key={c.key}
                      role='link'
                      aria-label={`${name}当前超时 ${row.overdueNow} 条，查看`}
                      className='rank__cell rank__cell--overdueNow rank__drill'
                      hoverClass='rank__drill--hover'
                      onClick={() => openEscalations(row, name)}
                    >
                      <Text>{row.overdueNow}</Text>
                    </View>
                  ) : (
                    <View key={c.key} role='cell' className={`rank__cell rank__cell--${c.key}`}>
                      <Text>{c.show(row)}</Text>
                    </View>
                  ),
                )}
              </View>
            );
          })}
          <View className='rank__row rank__row--total' role='row'>
            <View className='rank__cell rank__name' role='rowheader'>
              <Text>全县合计</Text>
            </View>
            {COLUMNS.map((c) =>
              c.key === 'overdueNow' && board.total.overdueNow > 0 ? (
                <View key={c.key} role='link' aria-label={`全县当前超时 ${board.total.overdueNow} 条，查看`} className='rank__cell rank__cell--overdueNow rank__drill' onClick={() => openEscalations()}>
                  <Text>{board.total.overdueNow}</Text>
                </View>
              ) : (
                <View key={c.key} role='cell' className={`rank__cell rank__cell--${c.key}`}>
                  <Text>{c.show(board.total)}</Text>
                </View>
              ),
            )}
          </View>
        </View>
      </ScrollView>
      {board.total.requests === 0 && <Text className='muted rank__note'>这段时间还没有诉求。</Text>}
      <Text className='field__hint rank__legend'>
        时间按分段统计：“≤2 小时”表示在 1 到 2 小时之间；“—”表示还没有可计算的数据。当前超时是现在仍超过时限、还没有处理的诉求，点数字可以查看并督办。
      </Text>
    </View>
  );
}

function Trend({ board }: { board: Dashboard }) {
  return (
    <View className='card'>
      <Text className='card__title'>全县每月趋势</Text>
      <TrendChart id='county-trend' trend={board.trend} />
      <View className='trend__months'>
        {board.trend.map((t) => (
          <Text key={t.period} className='trend__month'>
            {Number(t.period.slice(5))}月：{t.requests} 件 · 首次响应 {formatDuration(t.firstResponseMedian)}
          </Text>
        ))}
      </View>
    </View>
  );
}

type Filters = Omit<ActionInput<'county', 'export'>, 'table' | 'format'>;
type Table = ActionInput<'county', 'export'>['table'];

/** The ranking or the list of requests of the same period and filters, as a workbook without personal data. */
function Exports({ filters }: { filters: Filters }) {
  const [busy, setBusy] = useState<Table | null>(null);
  const [problem, setProblem] = useState('');
  const run = async (table: Table) => {
    setBusy(table);
    setProblem('');
    try {
      const file = await callAction('county', 'export', { ...filters, table, format: 'xlsx' });
      await openExportedFile(file);
      void Taro.showToast({ title: `已导出 ${file.rows} 行`, icon: 'none' });
    } catch (error) {
      setProblem(error instanceof ActionFailure ? error.message : '没有导出成功，请稍后再试');
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='card'>
      <Text className='card__title'>导出报表</Text>
      <Text className='muted'>按上面选的时间和筛选导出 Excel 表格，不含任何个人信息，可用于上报和存档。</Text>
      <View className='county-exports'>
        <Button className='btn btn--secondary county-exports__go' loading={busy === 'points'} disabled={busy !== null} onClick={() => run('points')}>
          导出排名表
        </Button>
        <Button className='btn btn--secondary county-exports__go' loading={busy === 'requests'} disabled={busy !== null} onClick={() => run('requests')}>
          导出诉求清单
        </Button>
      </View>
      <ActionProblem text={problem} />
    </View>
  );
}

/** This year's 1+10+N of each point, beside its response-time figures. */
function OneTenN({ countyName }: { countyName: string }) {
  const year = Number(chinaDay().slice(0, 4));
  const { state, reload } = useAction('county', 'progress', { year });
  return (
    <View className='card'>
      <Text className='card__title'>{year} 年 1+10+N</Text>
      <StateView state={state} onRetry={reload}>
        {(rows) => (
          <View>
            {rows.map((row) => (
              <View key={row.pointId} className='list-item'>
                <Text className='field__label'>{shortPointName(row.pointName, countyName)}</Text>
                <Text className='muted'>
                  1 调研：{surveyStatusLabel(row.survey)}
                  {row.surveyResponses > 0 ? `（${row.surveyResponses} 份）` : ''} · 10 联系群众：{row.outreachPeople}/{OUTREACH_TARGET} 人 · N 活动：已开展{' '}
                  {row.activitiesHeld} 场，计划 {row.activitiesPlanned} 场
                </Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}

export default function CountyDashboard() {
  const [period, setPeriod] = useState(() => defaultPeriod());
  const [category, setCategory] = useState<Category | 'all'>('all');
  const [urgency, setUrgency] = useState<Urgency | 'all'>('all');
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const [filtering, setFiltering] = useState(false);
  const now = currentPeriod();
  const filters: Filters = {
    period,
    ...(category !== 'all' ? { category } : {}),
    ...(urgency !== 'all' ? { urgency } : {}),
  };
  const { state, reload } = useListScreen('county', 'dashboard', filters);

  return (
    <Screen className='county-dashboard'>
      <View className='card county-filters'>
        <Text className='field__label'>时间</Text>
        <View className='county-period row'>
          <MonthPicker label='开始月份' value={period.from} start={FIRST_MONTH} end={period.to} onChange={(from) => setPeriod((p) => withFrom(p, from))} />
          <Text>至</Text>
          <MonthPicker label='结束月份' value={period.to} start={period.from} end={now} onChange={(to) => setPeriod((p) => withTo(p, to))} />
        </View>
        <View
          className='county-filters__toggle row'
          role='button'
          aria-expanded={filtering}
          onClick={() => setFiltering(!filtering)}
        >
          <Text>
            {category === 'all' ? '全部类别' : categoryLabel(category)} · {urgency === 'all' ? '全部三事' : urgencyLabel(urgency)}
          </Text>
          <Text className='link'>{filtering ? '收起' : '筛选'}</Text>
        </View>
        {filtering && (
          <View>
            <Text className='field__label county-filters__label'>类别</Text>
            <View className='county-chips'>
              <ChoiceGroup label='类别' options={CATEGORY_OPTIONS} value={category} onChange={setCategory} />
            </View>
            <Text className='field__label county-filters__label'>三事</Text>
            <View className='county-chips'>
              <ChoiceGroup label='三事' options={URGENCY_OPTIONS} value={urgency} onChange={setUrgency} />
            </View>
          </View>
        )}
      </View>
      <StateView state={state} onRetry={reload}>
        {(board) => (
          <View>
            <View className='county-dashboard__summary row' role='status'>
              <Text className='county-dashboard__county'>{board.countyName}</Text>
              <Text>
                诉求 {board.total.requests} 件 · 当前超时 <Text className={board.total.overdueNow > 0 ? 'county-dashboard__late' : ''}>{board.total.overdueNow}</Text> 条
              </Text>
            </View>
            {board.rows.length === 0 ? (
              <Empty text='本县还没有联系点' />
            ) : (
              <View>
                <RankingTable board={board} order={order} onSort={setOrder} />
                <OneTenN countyName={board.countyName} />
                <Trend board={board} />
                <Exports filters={filters} />
              </View>
            )}
          </View>
        )}
      </StateView>
    </Screen>
  );
}
