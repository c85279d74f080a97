export default defineAppConfig({
  pages: ['pages/index/index', 'pages/point/index', 'pages/request-form/index', 'pages/my-requests/index', 'pages/request-detail/index', 'pages/neutral/index'],
  subPackages: [
    {
      // Staff features stay out of the main package that a woman downloads from a plaque.
      root: 'packages/workbench',
      name: 'workbench',
      pages: ['inbox/index', 'request/index', 'team/index', 'join/index'],
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
  // declaring getFuzzyLocation together with getLocation.
  requiredPrivateInfos: ['getFuzzyLocation'],
  permission: {
    'scope.userFuzzyLocation': { desc: '用于为您查找附近的执委联系点，只用大致位置，不会保存' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
