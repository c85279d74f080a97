/**
 * Demo data reproducing the pilot points of the two reports in shared/seeds (places and public roles as reported).
 * People not named in the reports, all residents and all OPENIDs are synthetic.
 */
import type { Category, Point, TeamMember } from '../../core/domain';
import type { CountyStaff } from '../../backend/data';

export interface Persona {
  id: string;
  openid: string;
  label: string;
  group: '居民' | '执委' | '团队成员' | '县妇联';
  note: string;
}

const EMBLEM = '/assets/emblem.svg';
const photo = (seed: string) => `/assets/avatars/${seed}.svg`;

interface MemberSeed {
  name: string;
  role: string;
  helpsWith: string;
  skills: Category[];
  /** Give this member a persona (bound WeChat account) in the persona switch. */
  persona?: boolean;
}

interface PointSeed {
  id: string;
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  address: string;
  lngLat: [number, number];
  serviceHours: string;
  executive: { name: string; title: string; helpsWith: string };
  duties: string[];
  /** Days from the day the demo is seeded (negative: past), so the demo always has upcoming and past activities. */
  activities: { title: string; inDays: number; type: string }[];
  team: MemberSeed[];
}

const POINTS: PointSeed[] = [
  {
    id: 'point-xc-anshan',
    code: 'XC-ANSHAN',
    name: '忻城县鞍山社区执委联系点',
    countyCode: '451322',
    countyName: '忻城县',
    address: '广西来宾市忻城县城关镇鞍山社区妇女活动中心',
    lngLat: [108.6638, 24.0702],
    serviceHours: '周一至周五 9:00–12:00、15:00–18:00；周六上午',
    executive: { name: '蒙晓梅', title: '全国妇联常委、自治区妇联常委', helpsWith: '统筹联系点工作，牵头协调疑难诉求' },
    duties: ['听取、收集妇女姐妹的意见和建议', '提供社会公益、心理健康教育服务', '维护妇女儿童合法权益', '开展“1+10+N”工作'],
    activities: [
      { title: '家门口的法律课：婚姻家庭中的权益保护', inDays: 12, type: '维权服务' },
      { title: '重阳节走访慰问留守老人', inDays: -34, type: '关爱帮扶' },
      { title: '“美丽庭院”评比与家风故事分享会', inDays: -58, type: '家庭家教家风建设' },
      { title: '社区妇女需求入户调研', inDays: -90, type: '调查研究' },
      { title: '公园广场健身操与政策宣讲', inDays: 5, type: '思想引领' },
    ],
    team: [
      { name: '覃丽娟', role: '女检察官', helpsWith: '家庭暴力、婚姻财产、人身安全等法律问题', skills: ['rights', 'family'], persona: true },
      { name: '黄秋燕', role: '心理咨询师', helpsWith: '情绪困扰、亲子关系、心理疏导', skills: ['mental', 'family'], persona: true },
      { name: '莫桂禄', role: '退休干部、“桂姐姐”宣讲团成员', helpsWith: '政策宣讲、组织广场舞健身活动', skills: ['policy'] },
      { name: '韦美兰', role: '离退休女干部', helpsWith: '政策咨询、家庭纠纷调解', skills: ['policy', 'family'] },
      { name: '蓝春梅', role: '妇女群众代表', helpsWith: '邻里互助、关爱帮扶', skills: ['care'] },
      { name: '樊小红', role: '妇女群众代表', helpsWith: '就业信息、技能培训报名', skills: ['employment'] },
      { name: '谢玉琴', role: '妇女代表大会代表', helpsWith: '关爱留守儿童和老人', skills: ['care'] },
      { name: '卢海燕', role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'] },
      { name: '潘春华', role: '社会工作者', helpsWith: '困难家庭帮扶、资源链接', skills: ['care', 'employment'] },
      { name: '罗文静', role: '巾帼志愿者', helpsWith: '家教家风宣传', skills: ['family'] },
    ],
  },
  {
    id: 'point-xc-chengnan',
    code: 'XC-CHENGNAN',
    name: '忻城县城南社区执委联系点',
    countyCode: '451322',
    countyName: '忻城县',
    address: '广西来宾市忻城县城南社区（4 个易地搬迁安置小区）',
    lngLat: [108.6702, 24.0551],
    serviceHours: '周一至周六 8:30–12:00、14:30–17:30',
    executive: { name: '韦立花', title: '忻城县妇联执委', helpsWith: '搬迁妇女融入城市、移风易俗' },
    duties: ['帮助搬迁妇女尽快融入城市生活', '破除陋习、移风易俗', '良好家风培养', '家政技能培训'],
    activities: [{ title: '家政技能培训（第三期）', inDays: 17, type: '素质提升' }],
    team: [
      { name: '陆春燕', role: '社区妇联主席', helpsWith: '搬迁安置政策咨询、就业创业', skills: ['policy', 'employment'], persona: true },
      { name: '梁冬梅', role: '巾帼志愿者', helpsWith: '家政技能培训、关爱帮扶', skills: ['employment', 'care'] },
      { name: '蓝素芬', role: '妇女代表大会代表', helpsWith: '家风家教、邻里纠纷', skills: ['family'] },
    ],
  },
  {
    id: 'point-rs-jiangmen',
    code: 'RS-JIANGMEN',
    name: '融水县安陲乡江门村执委联系点',
    countyCode: '450225',
    countyName: '融水苗族自治县',
    address: '广西柳州市融水苗族自治县安陲乡江门村村委',
    lngLat: [109.1725, 25.3861],
    serviceHours: '每周二、周五全天；农忙时节预约上门',
    executive: { name: '杨宁', title: '自治区妇联执委、江门村党总支书记', helpsWith: '产业发展、带动妇女增收致富' },
    duties: ['开展技能培训、结对帮扶', '技术推广、信息服务', '发展壮大女能人队伍', '助力乡村振兴'],
    activities: [
      { title: '种养技术田间课堂', inDays: 9, type: '乡村振兴' },
      { title: '苗绣技能培训班结业', inDays: -21, type: '素质提升' },
    ],
    team: [
      { name: '贾秀英', role: '种养专业合作社负责人', helpsWith: '种养技术、合作社入社', skills: ['employment'], persona: true },
      { name: '吴小燕', role: '返乡女大学生', helpsWith: '电商销售、信息服务', skills: ['employment', 'policy'] },
      { name: '梁玉梅', role: '乡党代表', helpsWith: '政策咨询、矛盾调解', skills: ['policy', 'family', 'rights'] },
      { name: '石春花', role: '妇女群众代表', helpsWith: '关爱留守妇女儿童', skills: ['care'] },
      { name: '贾兰芳', role: '巾帼志愿者', helpsWith: '结对帮扶', skills: ['care'] },
      { name: '杨美玲', role: '妇女群众代表', helpsWith: '心理陪伴', skills: ['mental'] },
      { name: '吴春兰', role: '种养能手', helpsWith: '技术推广', skills: ['employment'] },
      { name: '梁秋菊', role: '巾帼志愿者', helpsWith: '家教家风', skills: ['family'] },
      { name: '石秀兰', role: '妇女群众代表', helpsWith: '邻里互助', skills: ['care'] },
    ],
  },
  {
    id: 'point-bh-beibuwan',
    code: 'BH-BEIBUWAN',
    name: '海城区北部湾社区执委联系点',
    countyCode: '450502',
    countyName: '北海市海城区',
    address: '广西北海市海城区北部湾社区（北海益众社会工作服务中心）',
    lngLat: [109.1203, 21.4812],
    serviceHours: '周一至周日 9:00–20:00（“儿童之家”放学后开放）',
    executive: { name: '许海鸥', title: '北海市妇联执委、益众社工中心主任、广西三八红旗手', helpsWith: '链接社会资源、公益项目' },
    duties: ['“儿童之家”志愿服务', '助老、环保公益项目', '廉政家风家训宣传', '推动妇女儿童“三事”解决'],
    activities: [{ title: '“儿童之家”周末课堂', inDays: 6, type: '关爱帮扶' }],
    team: [
      { name: '庞晓玲', role: '社工', helpsWith: '困境妇女儿童个案服务', skills: ['care', 'rights', 'mental'], persona: true },
      { name: '陈燕', role: '社工', helpsWith: '儿童之家、课业辅导', skills: ['care', 'family'] },
      { name: '冯丽芳', role: '巾帼志愿者', helpsWith: '助老服务', skills: ['care'] },
    ],
  },
  {
    id: 'point-bh-qiaozhong',
    code: 'BH-QIAOZHONG',
    name: '银海区侨中社区“侨之家”执委联系点',
    countyCode: '450503',
    countyName: '北海市银海区',
    address: '广西北海市银海区侨中社区“侨之家”党群服务中心',
    lngLat: [109.1396, 21.4498],
    serviceHours: '周一至周五 8:30–18:00',
    executive: { name: '钟慧敏', title: '侨中社区妇联执委', helpsWith: '归侨侨眷服务、“执委+巾帼志愿者+社工”' },
    duties: ['服务归侨侨眷家庭', '“执委+巾帼志愿者+社工”服务群众', '妇女儿童老人“三事”有人管'],
    activities: [{ title: '侨眷家庭亲子读书会', inDays: 13, type: '家庭家教家风建设' }],
    team: [
      { name: '邓雅琴', role: '社工', helpsWith: '侨眷政策咨询、心理支持', skills: ['policy', 'mental'], persona: true },
      { name: '何秀梅', role: '巾帼志愿者', helpsWith: '关爱帮扶、上门探访', skills: ['care'] },
    ],
  },
];

const COUNTY_STAFF: { name: string; countyCode: string; countyName: string }[] = [
  { name: '忻城县妇联 工作人员', countyCode: '451322', countyName: '忻城县' },
  { name: '融水县妇联 工作人员', countyCode: '450225', countyName: '融水苗族自治县' },
  { name: '海城区妇联 工作人员', countyCode: '450502', countyName: '北海市海城区' },
  { name: '银海区妇联 工作人员', countyCode: '450503', countyName: '北海市银海区' },
];

const RESIDENTS = [
  { id: 'resident-wang', label: '王女士（居民）', note: '住在鞍山社区附近' },
  { id: 'resident-li', label: '李女士（另一位居民）', note: '用来确认她看不到别人的诉求' },
  { id: 'newcomer-zhao', label: '赵女士（受邀加入团队）', note: '还不是任何团队的成员：用邀请码加入' },
];

export interface DemoData {
  points: Point[];
  members: TeamMember[];
  countyStaff: CountyStaff[];
  personas: Persona[];
}

const openidFor = (personaId: string) => `local-${personaId}`;

const dayFromNow = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

export function buildDemoData(): DemoData {
  const points: Point[] = [];
  const members: TeamMember[] = [];
  const personas: Persona[] = RESIDENTS.map((r) => ({ ...r, openid: openidFor(r.id), group: '居民' }));

  for (const seed of POINTS) {
    points.push({
      _id: seed.id,
      code: seed.code,
      name: seed.name,
      countyCode: seed.countyCode,
      countyName: seed.countyName,
      address: seed.address,
      location: { type: 'Point', coordinates: seed.lngLat },
      serviceHours: seed.serviceHours,
      displays: {
        emblemUrl: EMBLEM,
        executive: { name: seed.executive.name, title: seed.executive.title, photoUrl: photo(seed.id) },
        duties: seed.duties,
        activities: seed.activities.map(({ title, inDays, type }) => ({ title, type, date: dayFromNow(inDays) })),
      },
      active: true,
    });
    const executivePersona = `${seed.id}-executive`;
    members.push({
      _id: `${seed.id}-m0`,
      pointId: seed.id,
      openid: openidFor(executivePersona),
      name: seed.executive.name,
      role: '执委',
      helpsWith: seed.executive.helpsWith,
      skills: [],
      isExecutive: true,
      active: true,
      order: 0,
    });
    personas.push({ id: executivePersona, openid: openidFor(executivePersona), label: `${seed.executive.name}（执委）`, group: '执委', note: seed.name });
    seed.team.forEach((m, index) => {
      const memberId = `${seed.id}-m${index + 1}`;
      members.push({
        _id: memberId,
        pointId: seed.id,
        ...(m.persona ? { openid: openidFor(memberId) } : {}),
        name: m.name,
        role: m.role,
        helpsWith: m.helpsWith,
        skills: m.skills,
        isExecutive: false,
        active: true,
        order: index + 1,
      });
      if (m.persona) {
        personas.push({ id: memberId, openid: openidFor(memberId), label: `${m.name}（${m.role}）`, group: '团队成员', note: seed.name });
      }
    });
  }

  const countyStaff: CountyStaff[] = COUNTY_STAFF.map((s) => {
    const id = `county-${s.countyCode}`;
    personas.push({ id, openid: openidFor(id), label: s.name, group: '县妇联', note: s.countyName });
    return { _id: id, openid: openidFor(id), ...s };
  });

  return { points, members, countyStaff, personas };
}
