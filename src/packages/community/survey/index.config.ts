export default definePageConfig({
  navigationBarTitleText: '年度调研',
});
