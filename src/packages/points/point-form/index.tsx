/**
 * A point's form for county staff. New: the plaque code, name, address, position (picked on WeChat's map, or typed),
 * service hours, the executive and the duties; then her one-time invite (code and mini-program code) is shown, and the
 * point stays closed until she has joined. Edit: what the point page shows, sent only when changed.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import { POINT_CODE_PATTERN, type ActionInput, type CreatedPoint } from '@core/actions';
import { textLength } from '@core/validate';
import { Screen } from '@/components/Screen';
import { Loading } from '@/components/StateView';
import { callAction } from '@/services/cloud';
import { PhotoProblem, pickPhotos } from '@/services/photos';
import { formatTime } from '@/utils/format';
import { useDraftKey } from '@/hooks/useDraftKey';
import { routeParam } from '@/utils/route';
import { failureText, toast } from '../shared/ui';
import './index.css';

interface Fields {
  code: string;
  name: string;
  address: string;
  latitude: string;
  longitude: string;
  serviceHours: string;
  executiveName: string;
  executiveTitle: string;
  helpsWith: string;
  duties: string;
}

type FieldName = keyof Fields;
type Problems = Partial<Record<FieldName, string>>;

const EMPTY: Fields = { code: '', name: '', address: '', latitude: '', longitude: '', serviceHours: '', executiveName: '', executiveTitle: '', helpsWith: '', duties: '' };

const DUTIES_MAX = 8;
const dutyLines = (duties: string) =>
  duties
    .split('\n')
    .map((d) => d.trim())
    .filter(Boolean);

const between = (value: string, min: number, max: number, what: string) => {
  const n = textLength(value.trim());
  return n < min || n > max ? `${what}应为 ${min}–${max} 个字` : undefined;
};

const coordinate = (value: string, limit: number, what: string) => {
  const n = Number(value.trim());
  return value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit ? `请填写${what}（-${limit} 到 ${limit} 之间的数字）` : undefined;
};

/** The form's own checks, with the same limits the function applies; `creating` checks the fields only a new point has. */
export function checkFields(f: Fields, creating: boolean): Problems {
  const problems: Problems = {
    name: between(f.name, 4, 40, '名称'),
    address: between(f.address, 4, 80, '地址'),
    latitude: coordinate(f.latitude, 90, '纬度'),
    longitude: coordinate(f.longitude, 180, '经度'),
    serviceHours: between(f.serviceHours, 2, 80, '服务时间'),
    executiveTitle: between(f.executiveTitle, 2, 40, '执委职务'),
    duties: (() => {
      const lines = dutyLines(f.duties);
      if (lines.length > DUTIES_MAX) return `职责最多 ${DUTIES_MAX} 条`;
      return lines.some((l) => textLength(l) < 2 || textLength(l) > 60) ? '每条职责应为 2–60 个字' : undefined;
    })(),
  };
  if (creating) {
    problems.code = POINT_CODE_PATTERN.test(f.code.trim().toUpperCase()) ? undefined : '编码只能用大写字母、数字和“-”，2–32 位，例如 XC-HONGDU';
    problems.executiveName = between(f.executiveName, 1, 20, '执委姓名');
    problems.helpsWith = between(f.helpsWith, 2, 60, '能帮什么忙');
  }
  return Object.fromEntries(Object.entries(problems).filter(([, v]) => v)) as Problems;
}

/** WeChat's map to pick the plaque's place (the mini-program); the browser build types the numbers in. */
async function pickOnMap(f: Fields): Promise<{ latitude: number; longitude: number; address: string; name: string } | null> {
  const lat = Number(f.latitude);
  const lng = Number(f.longitude);
  try {
    const at = f.latitude && f.longitude && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {};
    const picked = await Taro.chooseLocation(at);
    return picked;
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (!/cancel/.test(message)) toast('没有打开地图，请直接填写经纬度');
    return null;
  }
}

const round6 = (n: number) => String(Math.round(n * 1e6) / 1e6);

function Field({
  label,
  name,
  fields,
  problems,
  onChange,
  placeholder,
  maxlength,
  type = 'text',
  hint,
}: {
  label: string;
  name: FieldName;
  fields: Fields;
  problems: Problems;
  onChange: (name: FieldName, value: string) => void;
  placeholder?: string;
  maxlength: number;
  type?: 'text' | 'digit';
  hint?: string;
}) {
  return (
    <View className='field point-form__field'>
      <Text className='field__label'>{label}</Text>
      <Input className='input' type={type} value={fields[name]} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(name, e.detail.value)} />
      {hint && <Text className='field__hint'>{hint}</Text>}
      {problems[name] && <Text className='field__error'>{problems[name]}</Text>}
    </View>
  );
}

function ExecutiveInvite({ created }: { created: CreatedPoint }) {
  const invite = created.executiveInvite;
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>已创建「{created.point.name}」</Text>
        <Text className='muted'>联系点现在是未启用状态，居民还看不到它。</Text>
      </View>
      <View className='card point-form__invite' role='status'>
        <Text className='field__label'>执委 {created.point.executiveName} 的邀请码</Text>
        <View className='point-form__code'>
          <Text selectable>{invite.code}</Text>
        </View>
        <Text className='muted point-form__line'>有效期至 {formatTime(invite.expiresAt)}，只能使用一次</Text>
        {invite.qrImage && <Image className='point-form__qr' src={invite.qrImage} mode='aspectFit' aria-label='执委邀请小程序码' showMenuByLongpress />}
        <Text className='point-form__hint'>请执委用微信扫码，或在「加入服务团队」输入邀请码；她加入后再启用联系点</Text>
      </View>
      <Button className='btn btn--primary' onClick={() => void Taro.navigateBack()}>
        返回联系点列表
      </Button>
    </View>
  );
}

/** The executive's photo and the point's emblem on its page (五亮: 亮身份, 亮标识): public images. */
function DisplayImages({ pointId }: { pointId: string }) {
  const [busy, setBusy] = useState<'emblem' | 'executivePhoto' | null>(null);
  const [problem, setProblem] = useState('');
  const upload = async (kind: 'emblem' | 'executivePhoto') => {
    setProblem('');
    let picked;
    try {
      [picked] = await pickPhotos(1);
    } catch (error) {
      if (error instanceof PhotoProblem) setProblem(error.message);
      return; // The picker was cancelled.
    }
    if (!picked) return;
    setBusy(kind);
    try {
      await callAction('county', 'uploadDisplayImage', { pointId, kind, ...picked });
      toast(kind === 'emblem' ? '会徽已更新' : '执委照片已更新');
    } catch (error) {
      setProblem(failureText(error, '图片没有传上去，请稍后再试'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='card'>
      <Text className='card__title'>联系点页面上的图片</Text>
      <Text className='field__hint'>公开显示在联系点页面上（JPG 或 PNG，不超过 1 MB）。</Text>
      <Button className='btn btn--secondary' loading={busy === 'executivePhoto'} disabled={busy !== null || undefined} onClick={() => void upload('executivePhoto')}>
        上传执委照片
      </Button>
      <Button className='btn btn--secondary' loading={busy === 'emblem'} disabled={busy !== null || undefined} onClick={() => void upload('emblem')}>
        更换会徽图片
      </Button>
      {problem && <Text className='field__error'>{problem}</Text>}
    </View>
  );
}

export default function PointForm() {
  const { params } = useRouter();
  const pointId = routeParam(params.pointId);
  const editing = !!pointId;
  const active = params.active === '1';
  const code = routeParam(params.code);
  const [fields, setFields] = useState<Fields>(() => ({ ...EMPTY, code, name: routeParam(params.name), address: routeParam(params.address) }));
  const [initial, setInitial] = useState<Fields | null>(editing ? null : EMPTY);
  const [problems, setProblems] = useState<Problems>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedPoint | null>(null);

  // An open point's public page has everything the form shows; a closed one has no public page to read from.
  useEffect(() => {
    if (!editing) return;
    const known = { ...EMPTY, code, name: routeParam(params.name), address: routeParam(params.address) };
    if (!active) {
      setInitial(known);
      return;
    }
    callAction('resident', 'getPoint', { code })
      .then((p) => {
        const loaded: Fields = {
          ...known,
          name: p.name,
          address: p.address,
          latitude: String(p.latitude),
          longitude: String(p.longitude),
          serviceHours: p.serviceHours,
          executiveName: p.displays.executive.name,
          executiveTitle: p.displays.executive.title,
          duties: p.displays.duties.join('\n'),
        };
        setFields(loaded);
        setInitial(loaded);
      })
      .catch(() => setInitial(known));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: editing ? '编辑联系点' : '新建联系点' });
  }, [editing]);

  const change = (name: FieldName, value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    if (problems[name]) setProblems((p) => ({ ...p, [name]: undefined }));
  };

  const chooseOnMap = async () => {
    const picked = await pickOnMap(fields);
    if (!picked) return;
    setFields((f) => ({ ...f, latitude: round6(picked.latitude), longitude: round6(picked.longitude), address: f.address.trim() ? f.address : picked.address }));
    setProblems((p) => ({ ...p, latitude: undefined, longitude: undefined }));
  };

  const [draftKey] = useDraftKey();
  const create = async () => {
    const found = checkFields(fields, true);
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setSubmitError('');
    try {
      setCreated(
        await callAction('county', 'createPoint', {
          code: fields.code.trim().toUpperCase(),
          name: fields.name.trim(),
          address: fields.address.trim(),
          latitude: Number(fields.latitude),
          longitude: Number(fields.longitude),
          serviceHours: fields.serviceHours.trim(),
          executive: { name: fields.executiveName.trim(), title: fields.executiveTitle.trim(), helpsWith: fields.helpsWith.trim() },
          duties: dutyLines(fields.duties),
          clientKey: draftKey,
        }),
      );
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (error) {
      setSubmitError(failureText(error, '没有创建成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!initial) return;
    const changed = (name: FieldName) => fields[name].trim() !== initial[name].trim();
    // Only what changed is checked and sent: a closed point's unknown values stay as they are when left empty.
    const found = Object.fromEntries(Object.entries(checkFields(fields, false)).filter(([name]) => changed(name as FieldName))) as Problems;
    if ((changed('latitude') || changed('longitude')) && !found.latitude && !found.longitude) {
      const both = checkFields(fields, false);
      if (both.latitude) found.latitude = both.latitude;
      if (both.longitude) found.longitude = both.longitude;
    }
    setProblems(found);
    if (Object.keys(found).length) return;
    const input: ActionInput<'county', 'updatePoint'> = {
      pointId,
      ...(changed('name') ? { name: fields.name.trim() } : {}),
      ...(changed('address') ? { address: fields.address.trim() } : {}),
      ...(changed('latitude') || changed('longitude') ? { latitude: Number(fields.latitude), longitude: Number(fields.longitude) } : {}),
      ...(changed('serviceHours') ? { serviceHours: fields.serviceHours.trim() } : {}),
      ...(changed('executiveTitle') ? { executiveTitle: fields.executiveTitle.trim() } : {}),
      ...(changed('duties') ? { duties: dutyLines(fields.duties) } : {}),
    };
    if (Object.keys(input).length === 1) {
      setSubmitError('没有修改任何内容');
      return;
    }
    setBusy(true);
    setSubmitError('');
    try {
      await callAction('county', 'updatePoint', input);
      toast('已保存，联系点页面马上会显示新的内容');
      setTimeout(() => void Taro.navigateBack(), 800);
    } catch (error) {
      setSubmitError(failureText(error, '没有保存成功，请稍后再试'));
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Screen className='point-form'>
        <ExecutiveInvite created={created} />
      </Screen>
    );
  }
  if (!initial) {
    return (
      <Screen className='point-form'>
        <Loading />
      </Screen>
    );
  }

  const common = { fields, problems, onChange: change };
  return (
    <Screen className='point-form'>
      {editing && !active && (
        <View className='notice'>
          <Text>这个联系点还没有启用，读不到它已保存的服务时间、位置和职责；留空的项目不会修改。</Text>
        </View>
      )}
      <View className='card'>
        <Text className='card__title'>联系点</Text>
        {editing ? (
          <Text className='muted point-form__line'>编码 {code}（印在牌匾上，不能修改）</Text>
        ) : (
          <Field {...common} label='编码' name='code' maxlength={32} placeholder='例如 XC-HONGDU' hint='印在牌匾和小程序码上，创建后不能修改' />
        )}
        <Field {...common} label='名称' name='name' maxlength={40} placeholder='例如 忻城县红渡镇执委联系点' />
        <Field {...common} label='地址' name='address' maxlength={80} placeholder='牌匾所在的地方' />
        <View className='field point-form__field'>
          <Text className='field__label'>位置</Text>
          {process.env.TARO_ENV !== 'h5' && (
            <Button className='btn btn--secondary' onClick={() => void chooseOnMap()}>
              在地图上选点
            </Button>
          )}
          <View className='points-row2'>
            <View className='points-row2__cell'>
              <Input className='input' type='digit' value={fields.latitude} maxlength={12} placeholder='纬度，例如 23.9812' aria-label='纬度' onInput={(e) => change('latitude', e.detail.value)} />
            </View>
            <View className='points-row2__cell'>
              <Input className='input' type='digit' value={fields.longitude} maxlength={12} placeholder='经度，例如 108.7421' aria-label='经度' onInput={(e) => change('longitude', e.detail.value)} />
            </View>
          </View>
          <Text className='field__hint'>用于“附近的联系点”和导航，请填牌匾所在的位置。</Text>
          {(problems.latitude || problems.longitude) && <Text className='field__error'>{problems.latitude ?? problems.longitude}</Text>}
        </View>
        <Field {...common} label='服务时间' name='serviceHours' maxlength={80} placeholder='例如 周一至周五 9:00–17:00' />
      </View>

      <View className='card'>
        <Text className='card__title'>执委</Text>
        {editing ? (
          fields.executiveName && <Text className='muted point-form__line'>执委 {fields.executiveName}（换执委请在团队页“设为执委”）</Text>
        ) : (
          <Field {...common} label='姓名' name='executiveName' maxlength={20} placeholder='例如 覃春兰' />
        )}
        <Field {...common} label='职务' name='executiveTitle' maxlength={40} placeholder='例如 忻城县妇联执委' />
        {!editing && <Field {...common} label='能帮什么忙' name='helpsWith' maxlength={60} placeholder='用居民听得懂的话，例如 留守妇女儿童关爱' />}
      </View>

      <View className='card field'>
        <Text className='card__title'>工作职责</Text>
        <Textarea
          className='textarea'
          value={fields.duties}
          maxlength={500}
          placeholder={'每行一条，例如\n听取妇女意见建议\n开展关爱帮扶'}
          onInput={(e) => change('duties', e.detail.value)}
        />
        <Text className='field__hint'>每行一条，最多 {DUTIES_MAX} 条，显示在联系点页面的“工作职责”里。</Text>
        {problems.duties && <Text className='field__error'>{problems.duties}</Text>}
      </View>

      {submitError && (
        <View className='notice point-form__error' role='alert'>
          <Text>{submitError}</Text>
        </View>
      )}
      {Object.values(problems).some(Boolean) && (
        <View role='alert'>
          <Text className='field__error'>请按提示修改上面标红的内容</Text>
        </View>
      )}
      {editing && <DisplayImages pointId={pointId} />}
      <Button className='btn btn--primary' loading={busy} disabled={busy || undefined} onClick={() => void (editing ? save() : create())}>
        {editing ? '保存修改' : '创建联系点'}
      </Button>
    </Screen>
  );
}
