export default definePageConfig({
  navigationBarTitleText: '联系点管理',
  enablePullDownRefresh: true,
});
