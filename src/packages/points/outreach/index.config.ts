export default definePageConfig({
  navigationBarTitleText: '联系群众',
  enablePullDownRefresh: true,
});
