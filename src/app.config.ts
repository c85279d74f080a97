export default defineAppConfig({
  pages: ['pages/index/index', 'pages/point/index', 'pages/request-form/index', 'pages/my-requests/index', 'pages/request-detail/index', 'pages/neutral/index'],
  subPackages: [
    {
      // Staff features stay out of the main package that a woman downloads from a plaque.
      root: 'packages/workbench',
      name: 'workbench',
      pages: ['inbox/index', 'request/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '执委联系点',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
  // Location is asked for only on the nearby-points screen, after she agrees (privacy authorization flow).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于为您查找附近的执委联系点，不会保存您的位置' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
