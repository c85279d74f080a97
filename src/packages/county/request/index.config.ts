export default definePageConfig({
  navigationBarTitleText: '督办诉求',
});
