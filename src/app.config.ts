export default defineAppConfig({
  pages: ['pages/index/index', 'pages/point/index', 'pages/request-form/index', 'pages/my-requests/index', 'pages/request-detail/index', 'pages/neutral/index'],
  subPackages: [
    {
      // Staff features stay out of the main package that a woman downloads from a plaque.
      root: 'packages/workbench',
      name: 'workbench',
      pages: ['inbox/index', 'request/index', 'team/index', 'join/index'],
    },
    {
      // County federation staff: the dashboard, 督办 and the county's response-time targets (with its chart library).
      root: 'packages/county',
      name: 'county',
      pages: ['dashboard/index', 'escalations/index', 'request/index', 'sla/index'],
    },
    {
      // Running the points: county staff's point admin and 1+10+N progress; the team's activities, contacts and survey.
      root: 'packages/points',
      name: 'points',
      pages: ['admin/index', 'point-form/index', 'activities/index', 'activity/index', 'outreach/index', 'survey/index'],
    },
    {
      // For women, opened from a point page: an activity to sign up for, and the point's survey of the year; and from
      // 我的诉求: 我的数据 (read, download or delete what the service holds about her).
      root: 'packages/community',
      name: 'community',
      pages: ['activity/index', 'survey/index', 'my-data/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '执委联系点',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
  // Coarse location only (data minimisation), asked for on the home page after she agrees. WeChat does not allow
  // declaring getFuzzyLocation together with getLocation. chooseLocation: county staff pick a new point on the map.
  // https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos
  requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'],
  permission: {
    'scope.userFuzzyLocation': { desc: '用于为您查找附近的执委联系点，只用大致位置，不会保存' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
